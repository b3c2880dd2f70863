package org.opsmon.monitoring.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import org.opsmon.monitoring.agent.Agent;
import org.opsmon.monitoring.agent.config.AgentSettings;
import org.opsmon.monitoring.agent.config.ConfigFile;
import org.opsmon.monitoring.agent.delivery.CredentialsRejectedException;
import org.opsmon.monitoring.agent.delivery.TrustedCertificates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Command line of the agent: what to run ({@code --once} or the service), with which settings, and
 * what each outcome means as an exit code. The settings' flags are the config file's keys.
 */
@Command(name = "monitoring-agent", mixinStandardHelpOptions = true, versionProvider = AgentCommand.Version.class,
        sortOptions = false,
        description = "Collects CPU, memory, disk, network, GPU and command activity of this host and sends it to the monitoring server.",
        footer = {"",
                "Every option except --config, --once, --help and --version is also a key in the config file,",
                "named like the option without dashes (e.g. spool-max-bytes=200MiB); per-collector keys:",
                "interval.<collector>=DURATION (0 disables it) and timeout.<collector>=DURATION for",
                "collectors cpu, memory, filesystems, disk_io, network, gpu, system, commands (timeout.probe too).",
                "The password can also come from the environment variable " + AgentSettings.PASSWORD_ENV + ",",
                "the enrollment secret from " + AgentSettings.ENROLLMENT_ENV + ".",
                "",
                "Exit codes: 0 ok (or --once printed a snapshot), 1 fatal runtime error (e.g. HTTP 403),",
                "2 bad command line or configuration, 3 server unreachable at start,",
                "4 credentials rejected at start."})
public final class AgentCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(AgentCommand.class.getName());

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (default /etc/monitoring-agent/agent.properties; a missing default file is fine, a missing named file is an error)")
    Path config;

    @Mixin
    AgentSettings settings;

    @Option(names = "--once", description = "Print one snapshot as JSON on stdout and exit (no server needed)")
    boolean once;

    private final PrintStream out;
    private final PrintStream err;
    private ConfigFile configFile;

    private AgentCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, System.getenv()));
    }

    /** Runs the command line with explicit streams and environment, so tests see real exit codes. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cl = commandLine(env, out, err);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(e -> ExitCodes.FATAL);
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        AgentCommand cmd = cl.getCommand();
        cl.setParameterExceptionHandler((e, a) -> {
            String problem = cmd.valueProblem(e);
            return problem != null ? cmd.configurationError(problem) : usage.handleParseException(e, a);
        });
        return cl.execute(args);
    }

    /**
     * The settings exactly as the agent would run with them, from these flags, the environment and
     * the config file, without running anything.
     *
     * @throws IllegalArgumentException with the sentence the agent would print
     */
    public static AgentSettings parse(Map<String, String> env, String... args) {
        CommandLine cl = commandLine(env, System.out, System.err);
        AgentCommand cmd = cl.getCommand();
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            String problem = cmd.valueProblem(e);
            throw new IllegalArgumentException(problem != null ? problem : e.getMessage(), e);
        }
        return cmd.checkedSettings();
    }

    /** The parsed settings once the file and the rules spanning keys agree with them. */
    private AgentSettings checkedSettings() {
        configFile.check();
        return settings.validate(configFile);
    }

    /** A wrong value as one line naming its key and source; null for a wrong flag, which deserves the usage. */
    private String valueProblem(ParameterException e) {
        if (e.getCause() instanceof TypeConversionException && e.getArgSpec() instanceof OptionSpec option) {
            return configFile.describe(option) + ": " + e.getCause().getMessage();
        }
        return null;
    }

    private static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        AgentCommand cmd = new AgentCommand(out, err);
        CommandLine cl = new CommandLine(cmd);
        cmd.configFile = new ConfigFile(cl, () -> cmd.config, env);
        cl.setDefaultValueProvider(cmd.configFile);
        return cl;
    }

    @Override
    public Integer call() {
        try {
            checkedSettings();
        } catch (IllegalArgumentException e) {
            return configurationError(e.getMessage());
        }
        configureLogging(settings.logLevel());
        try {
            return once ? once() : serve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FATAL;
        } catch (IOException e) {
            err.println("monitoring-agent: " + e.getMessage());
            return ExitCodes.FATAL;
        }
    }

    private int once() throws InterruptedException {
        if (settings.caCert() != null) {
            // --once checks an install: a ca-cert the service could not use fails here too.
            try {
                TrustedCertificates.fromPem(settings.caCert());
            } catch (IllegalArgumentException e) {
                return configurationError(e.getMessage());
            }
        }
        out.println(Agent.once(settings));
        out.flush();
        return ExitCodes.OK;
    }

    private int serve() throws IOException, InterruptedException {
        String missing = settings.missingForDelivery();
        if (missing != null) {
            return configurationError(missing);
        }
        Agent agent;
        try {
            agent = new Agent(settings);
        } catch (IllegalArgumentException e) {
            return configurationError(e.getMessage());
        }
        if (!settings.service()) {
            Optional<Integer> refused = loginAtStart(agent);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        Optional<String> gaveUp = agent.run();
        gaveUp.ifPresent(reason -> LOG.severe("stopping: " + reason));
        return gaveUp.isPresent() ? ExitCodes.FATAL : ExitCodes.OK;
    }

    /**
     * Run by hand, an agent that cannot log in should say so and stop rather than retry silently;
     * under systemd ({@code --wait-for-server}) it keeps retrying instead, so this check is skipped.
     */
    private Optional<Integer> loginAtStart(Agent agent) throws InterruptedException {
        try {
            agent.login();
            return Optional.empty();
        } catch (CredentialsRejectedException e) {
            LOG.severe(e.getMessage());
            return Optional.of(ExitCodes.REJECTED);
        } catch (SSLHandshakeException e) {
            LOG.severe("TLS handshake with the server at " + settings.server() + " failed (" + e.getMessage() + ")"
                    + (settings.caCert() == null ? "; if its certificate comes from a private CA or is self-signed, "
                    + "give that certificate with --ca-cert" : ""));
            return Optional.of(ExitCodes.UNREACHABLE);
        } catch (IOException e) {
            LOG.severe("cannot reach the server at " + settings.server() + " (" + e.getMessage()
                    + "); use --wait-for-server to keep retrying");
            return Optional.of(ExitCodes.UNREACHABLE);
        }
    }

    private int configurationError(String message) {
        err.println("monitoring-agent: configuration error: " + message);
        return ExitCodes.CONFIG;
    }

    private static void configureLogging(Level level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new OneLineFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(level);
        // OSHI reports every unreadable /proc file; only its real problems are worth a line.
        Logger.getLogger("oshi").setLevel(Level.SEVERE);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"monitoring-agent " + Agent.VERSION};
        }
    }
}
