// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

/** Defaults for slf4j-simple inside the runtimes: one line per event, UTC timestamps, on stdout. */
final class Logging {

    private Logging() {}

    /**
     * slf4j-simple's property prefix, built at run time: the shade plug-in rewrites every string
     * constant starting with the SLF4J package when it relocates the launcher's own copy of SLF4J.
     */
    private static final String SIMPLE = String.join(".", "org", "slf4j", "simpleLogger", "");

    static void configure() {
        setDefault(SIMPLE + "showDateTime", "true");
        setDefault(SIMPLE + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        setDefault(SIMPLE + "logFile", "System.out");
        setDefault(SIMPLE + "showShortLogName", "true");
        setDefault(SIMPLE + "defaultLogLevel", "info");
        // libraries that narrate their own start-up at INFO; the product's lines and warnings stay
        setDefault(SIMPLE + "log.org.apache.aries.jax.rs", "warn");
        setDefault(SIMPLE + "log.org.eclipse.jetty", "warn");
        setDefault(SIMPLE + "log.com.zaxxer.hikari", "warn");
        // CXF and SPI Fly log through java.util.logging; their INFO chatter says nothing an operator
        // needs. JUL holds loggers weakly, so the configured one is kept here.
        JUL_ROOT.setLevel(java.util.logging.Level.WARNING);
        // Flyway 8.5 (the newest usable in OSGi) warns at every start that PostgreSQL 17 is newer than it
        // was tested with; our migrations are plain DDL, see docs/STACK-NOTES.md
        FLYWAY_VERSION_CHECK.setLevel(java.util.logging.Level.SEVERE);
    }

    private static final java.util.logging.Logger FLYWAY_VERSION_CHECK =
            java.util.logging.Logger.getLogger("org.flywaydb.core.internal.database.base.Database");

    private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

    /** Quiet logging for one-shot command-line use. */
    static void configureQuiet() {
        setDefault(SIMPLE + "defaultLogLevel", "warn");
        setDefault(SIMPLE + "logFile", "System.err");
        configure();
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
