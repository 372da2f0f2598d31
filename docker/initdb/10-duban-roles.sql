-- Run once by the PostgreSQL image when its data directory is new (docker-compose.yml mounts
-- this folder as /docker-entrypoint-initdb.d). Two roles: the owner makes the event store
-- (`duban db init`), the application only inserts into it and reads it. Change the passwords
-- for anything but a trial. The owner may create databases: `duban restore` checks a dump's
-- chain in a scratch database before it touches the store.
CREATE ROLE duban_owner LOGIN CREATEDB PASSWORD 'duban-owner';
CREATE ROLE duban_app LOGIN PASSWORD 'duban-app';
CREATE SCHEMA duban AUTHORIZATION duban_owner;
