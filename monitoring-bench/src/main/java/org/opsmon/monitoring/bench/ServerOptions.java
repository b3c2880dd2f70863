package org.opsmon.monitoring.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options every load generator shares: which server, how to log in, which process it is. */
final class ServerOptions {

    @Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "base URL of the monitoring server [${DEFAULT-VALUE}]")
    private String server;

    @Option(names = "--admin-password", paramLabel = "SECRET", defaultValue = "${env:MONITORING_ADMIN_PASSWORD}",
            description = "password of 'admin' (default: $MONITORING_ADMIN_PASSWORD)")
    private String adminPassword;

    @Option(names = "--client-password", paramLabel = "SECRET", defaultValue = "benchpass123",
            description = "password of the clients the generator registers [${DEFAULT-VALUE}]")
    private String clientPassword;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "process id of the server (default: the process listening on the server's port)")
    private Long serverPid;

    /** Refuses what no run can work with and normalises the URL; call before reading anything. */
    void validate(CommandSpec spec) {
        if (adminPassword == null || adminPassword.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--admin-password (or MONITORING_ADMIN_PASSWORD) is required");
        }
        if (serverPid != null && serverPid < 1) {
            throw new ParameterException(spec.commandLine(), "--server-pid must be a process id");
        }
        server = server.replaceAll("/+$", "");
    }

    String server() {
        return server;
    }

    String adminPassword() {
        return adminPassword;
    }

    String clientPassword() {
        return clientPassword;
    }

    Long serverPid() {
        return serverPid;
    }
}
