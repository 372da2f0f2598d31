"""The supervision console: Chinese pages served by Duban itself, signed in with a password,
every asset (scripts, styles, the API docs' renderers) shipped in the package, none from a
CDN — government intranets are often cut off from the internet."""
