// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

/** Defaults for slf4j-simple inside the runtimes: one line per event, UTC timestamps, on stdout. */
final class Logging {

    private Logging() {}

    static void configure() {
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        // CXF and SPI Fly log through java.util.logging; their INFO chatter says nothing an operator
        // needs. JUL holds loggers weakly, so the configured one is kept here.
        JUL_ROOT.setLevel(java.util.logging.Level.WARNING);
    }

    private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

    /** Quiet logging for one-shot command-line use. */
    static void configureQuiet() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        configure();
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
