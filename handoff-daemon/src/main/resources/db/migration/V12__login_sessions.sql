-- Browsers logged in with an API token: the cookie holds a random session id; only its SHA-256 is
-- kept here, with the SHA-256 of the token it was opened with (so that taking a token out of the
-- tokens file ends its sessions). Replicas share the table, so a login works on each of them.
create table login_session (
    id_hash     varchar(64) primary key,
    token_hash  varchar(64) not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null
);
create index login_session_expires on login_session (expires_at);
