-- Revocations announced to every server process, whatever made them (server, admin CLI, SQL):
-- open event streams of the session, device or staff member end at once (server/auth/
-- session-watch.ts). The channel is per schema, like the sync channel.

CREATE FUNCTION waypost_notify_auth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('waypost_auth_' || TG_TABLE_SCHEMA, TG_ARGV[0] || ':' || NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER sessions_revoked AFTER UPDATE OF revoked_at ON sessions FOR EACH ROW
  WHEN (NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL)
  EXECUTE FUNCTION waypost_notify_auth('session');

CREATE TRIGGER devices_revoked AFTER UPDATE OF revoked_at, station_code ON devices FOR EACH ROW
  WHEN (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
        OR NEW.station_code IS DISTINCT FROM OLD.station_code)
  EXECUTE FUNCTION waypost_notify_auth('device');

-- A role or station change ends the streams too: they reconnect with the new scope.
CREATE TRIGGER staff_changed AFTER UPDATE OF disabled_at, role, station_code ON staff FOR EACH ROW
  WHEN (NEW.disabled_at IS DISTINCT FROM OLD.disabled_at
        OR NEW.role IS DISTINCT FROM OLD.role
        OR NEW.station_code IS DISTINCT FROM OLD.station_code)
  EXECUTE FUNCTION waypost_notify_auth('staff');
