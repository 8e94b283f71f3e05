package org.workdistlab.grader.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point: {@code java -cp grader.jar:lib/* org.workdistlab.grader.cli.GraderMain grade <exercise> <path>} (or
 * {@code java -jar grader-dist/grader.jar grade ...}). Exit codes are {@link ExitCodes}.
 */
@Command(name = "grader", mixinStandardHelpOptions = true, version = "Work Distribution Lab grader 0.1.0",
        description = "Grades exercise solutions of the Work Distribution Lab.",
        subcommands = {GradeCommand.class})
public final class GraderMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given writers and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        var cli = new CommandLine(new GraderMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine cmd = ex.getCommandLine();
            err.println(cmd.getCommandName() + ": " + ex.getMessage().lines().findFirst().orElse("bad arguments")
                    + " (try '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                err.println(cmd.getCommandName() + ": " + ex.getMessage() + " (try '"
                        + cmd.getCommandSpec().qualifiedName() + " --help')");
                err.flush();
                return ExitCodes.USAGE;
            }
            err.println(cmd.getCommandName() + ": grader error: " + ex
                    + (Arrays.asList(args).contains("--verbose") ? "" : " (please report this as a bug)"));
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'grade'");
    }
}
