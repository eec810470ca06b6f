package io.leaseledger.server;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * HotSpot's diagnostic commands — what {@code jcmd PID COMMAND} runs — invoked in-process through
 * the platform MBean server. Operations are named in camel case ({@code Compiler.queue} is
 * {@code compilerQueue}); every one takes its arguments as one {@code String[]}.
 */
final class DiagnosticCommands {
    private static final String[] SIGNATURE = {String[].class.getName()};

    private DiagnosticCommands() {
    }

    /** The command's answer, as jcmd would print it; fails where the JVM has no such command. */
    static String invoke(String operation, String... arguments) throws JMException {
        Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[]{arguments}, SIGNATURE);
        return String.valueOf(answer);
    }
}
