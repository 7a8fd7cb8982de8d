-- Console accounts: a person signs in with a name and a password (Argon2id, PHC string), gets a session kept in an
-- HttpOnly cookie (only its SHA-256 is stored) with a CSRF token for changes; idle and absolute expiry.
CREATE TABLE operator_accounts (
    id                    uuid PRIMARY KEY,
    name                  text NOT NULL UNIQUE,
    role                  text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    password_hash         text NOT NULL,
    must_change_password  boolean NOT NULL DEFAULT true,
    created_at            timestamptz NOT NULL DEFAULT now(),
    created_by            text NOT NULL,
    password_changed_at   timestamptz,
    disabled_at           timestamptz
);

CREATE TABLE console_sessions (
    secret_hash   bytea PRIMARY KEY,
    account_id    uuid NOT NULL REFERENCES operator_accounts(id) ON DELETE CASCADE,
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX console_sessions_account ON console_sessions (account_id);
