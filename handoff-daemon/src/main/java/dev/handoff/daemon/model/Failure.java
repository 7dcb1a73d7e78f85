package dev.handoff.daemon.model;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apiguardian.api.API;

/**
 * Why something did not pass: a failure's message and stack trace, or, for a skipped test, the
 * reason it was skipped (with an empty stack trace).
 */
@API(status = API.Status.EXPERIMENTAL)
public record Failure(String message, String stackTrace) {

    public static Failure of(Throwable throwable) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        return new Failure(describe(throwable), trace.toString());
    }

    public static Failure reason(String reason) {
        return new Failure(reason, "");
    }

    /** What the JVM says of a class whose static initializer threw before: {@code Could not initialize class X}. */
    private static final String UNINITIALIZED = "Could not initialize class ";

    /**
     * The message, or the exception's class name when it has none (as {@code assert x} throws). A
     * class that cannot be found says so and where its jar belongs: its message alone is a bare
     * class name ({@code org/assertj/core/api/Assertions}) that reads like nothing went wrong.
     *
     * <p>A class that could not be initialized is not missing: its static initializer threw
     * earlier in the same JVM (an earlier test, or an earlier run of an in-process daemon), and the
     * JVM refuses it from then on. The JVM keeps that first failure as the cause (JDK 18 and
     * later), and the message names it.
     */
    private static String describe(Throwable throwable) {
        String message = throwable.getMessage();
        if (throwable instanceof ExceptionInInitializerError && throwable.getCause() != null) {
            return "ExceptionInInitializerError: a static initializer failed: " + causeOf(throwable.getCause());
        }
        if (message == null || message.isBlank()) {
            return throwable.getClass().getName();
        }
        if (throwable instanceof NoClassDefFoundError && message.startsWith(UNINITIALIZED)) {
            return "NoClassDefFoundError: " + message + " (its static initializer failed earlier in this JVM, "
                    + "which refuses the class from then on; the first failure: "
                    + firstFailure(throwable.getCause())
                    + ")";
        }
        if (throwable instanceof NoClassDefFoundError || throwable instanceof ClassNotFoundException) {
            return throwable.getClass().getSimpleName() + ": " + message
                    + " (a class the suite needs is missing: put its jar on the suites path)";
        }
        return message;
    }

    /**
     * The failure of the static initializer, from the cause the JVM attached ({@code
     * ExceptionInInitializerError: Exception java.lang.IllegalStateException: no config [in thread
     * "main"]}), or where to look when there is none.
     */
    private static String firstFailure(Throwable cause) {
        if (cause instanceof ExceptionInInitializerError && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return cause != null
                ? causeOf(cause)
                : "see the first ExceptionInInitializerError of the run, or of an earlier run in this JVM";
    }

    private static String causeOf(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank()
                ? cause.getClass().getName()
                : cause.getClass().getName() + ": " + message;
    }
}
