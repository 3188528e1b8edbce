-- ShedLock's table: a periodic task that must run on one node at a time (lease reaper, cleanup,
-- schedules) holds its row until lock_until; other nodes skip that run.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
