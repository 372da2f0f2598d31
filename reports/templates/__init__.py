"""The Word templates of the urging notice and the circular, and the script that drafted them."""
