package org.opsmon.monitoring.ingest.entity;

import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * A snapshot that cannot be stored, with the JSON path of the offending field in the message.
 * {@code seq} is the sequence number of the request's first snapshot when it has one, so a
 * stream can tell its sender which snapshot was refused.
 */
public class InvalidSnapshotException extends RequestProblem {

    private final Long seq;

    public InvalidSnapshotException(String path, String problem) {
        this(path.isEmpty() ? problem : path + ": " + problem, (Long) null);
    }

    private InvalidSnapshotException(String message, Long seq) {
        super(400, "invalid_snapshot", message);
        this.seq = seq;
    }

    /** The same problem, told about the snapshot with this sequence number (null: none). */
    public InvalidSnapshotException about(Long sequence) {
        return new InvalidSnapshotException(getMessage(), sequence);
    }

    public Long seq() {
        return seq;
    }
}
