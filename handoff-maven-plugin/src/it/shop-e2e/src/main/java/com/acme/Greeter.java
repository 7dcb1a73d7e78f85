package com.acme;

/** The system under test: main code the suite needs on its classpath. */
public final class Greeter {

    private Greeter() {}

    public static String greet(String name) {
        return "Hello, " + name + "!";
    }
}
