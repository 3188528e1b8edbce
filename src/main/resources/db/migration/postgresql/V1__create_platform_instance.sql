-- One row describing this installation; master_key_check proves every node shares the master key.
CREATE TABLE platform_instance (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    created_at       BIGINT  NOT NULL,
    master_key_check TEXT    NOT NULL
);
