package dev.handoff.daemon.model;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Why something did not pass: a failure's message and stack trace, or, for a skipped test, the
 * reason it was skipped (with an empty stack trace).
 */
public record Failure(String message, String stackTrace) {

    public static Failure of(Throwable throwable) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        return new Failure(describe(throwable), trace.toString());
    }

    public static Failure reason(String reason) {
        return new Failure(reason, "");
    }

    /**
     * The message, or the exception's class name when it has none (as {@code assert x} throws). A
     * class that cannot be found says so and where its jar belongs: its message alone is a bare
     * class name ({@code org/assertj/core/api/Assertions}) that reads like nothing went wrong.
     */
    private static String describe(Throwable throwable) {
        String message = throwable.getMessage();
        if (message == null || message.isBlank()) {
            return throwable.getClass().getName();
        }
        if (throwable instanceof NoClassDefFoundError || throwable instanceof ClassNotFoundException) {
            return throwable.getClass().getSimpleName() + ": " + message
                    + " (a class the suite needs is missing: put its jar on the suites path)";
        }
        return message;
    }
}
