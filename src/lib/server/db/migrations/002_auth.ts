// Users, sessions and the append-only audit log (product.md §6).
export const sql = /* sql */ `
CREATE SEQUENCE user_id_seq START 1;
CREATE TABLE users (
	user_id INTEGER PRIMARY KEY DEFAULT nextval('user_id_seq'),
	name VARCHAR NOT NULL UNIQUE,
	display_name VARCHAR,
	role VARCHAR NOT NULL,            -- admin | analyst | inspector | leader | unit
	units VARCHAR[],                  -- for role unit: the units the user may see
	pii BOOLEAN NOT NULL DEFAULT false,
	password_hash VARCHAR NOT NULL,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until TIMESTAMP,
	disabled BOOLEAN NOT NULL DEFAULT false,
	created_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP + INTERVAL 8 HOUR),
	updated_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP + INTERVAL 8 HOUR)
);
CREATE TABLE sessions (
	session_hash VARCHAR PRIMARY KEY, -- SHA-256 of the cookie token; the token itself is never stored
	user_id INTEGER NOT NULL,
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL,
	last_seen_at TIMESTAMP NOT NULL,
	ip VARCHAR,
	user_agent VARCHAR,
	view_as_user_id INTEGER           -- an admin's "view as" target; the session stays the admin's
);
CREATE SEQUENCE audit_id_seq START 1;
CREATE TABLE audit_log (
	audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
	logged_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP + INTERVAL 8 HOUR),
	user_name VARCHAR,                -- who acted (with "view as": the real admin)
	role VARCHAR,
	as_user VARCHAR,                  -- with "view as": the user the admin was viewing as
	action VARCHAR NOT NULL,          -- login, login_failed, login_locked, logout, import, export, pii_view, user_change, view_as …
	target VARCHAR,
	detail JSON,
	ip VARCHAR
);
`;
