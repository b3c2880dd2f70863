package org.opsmon.monitoring.ingest.entity;

import org.opsmon.monitoring.platform.entity.RequestProblem;

/** A snapshot that cannot be stored, with the JSON path of the offending field in the message. */
public class InvalidSnapshotException extends RequestProblem {

    public InvalidSnapshotException(String path, String problem) {
        super(400, "invalid_snapshot", path.isEmpty() ? problem : path + ": " + problem);
    }
}
