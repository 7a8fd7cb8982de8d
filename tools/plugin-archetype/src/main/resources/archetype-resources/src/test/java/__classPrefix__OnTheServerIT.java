package ${package};

import io.redflag.scanner.testkit.framework.ServerSideConformance;

/**
 * The built bundle among the RedFlag server's own bundles, in a real framework (Felix, by Pax Exam): it resolves with
 * the api alone, its descriptor is active and the server's catalog lists the subsystem as it describes it, its scanner
 * stays inactive (a server never scans). Run by failsafe, after the jar is built.
 */
public class ${classPrefix}OnTheServerIT extends ServerSideConformance {
}
