// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Resource;
import java.io.File;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The service properties a descriptor class will register with, read from the component description bnd generates
 * for it — the same generator, the same options as the build — so a test sees what the platform's catalog and agent
 * registry will see, before the bundle is packed.
 */
public final class DescriptorMetadata {

    private DescriptorMetadata() {}

    /** Each property's values (one for a scalar, several for an array), by name. */
    public static Map<String, List<String>> properties(Class<?> component) {
        try (Builder b = new Builder()) {
            b.setProperty("-dsannotations-options", "version;minimum=1.5.0");
            b.setProperty("-includepackage", component.getPackageName());
            b.setProperty("-noextraheaders", "true");
            b.setProperty("-failok", "true");
            b.addClasspath(classesOf(component));
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isBlank() && new File(entry).exists()) {
                    b.addClasspath(new File(entry));
                }
            }
            Jar jar = b.build();
            Resource xml = jar.getResource("OSGI-INF/" + component.getName() + ".xml");
            if (xml == null) {
                throw new AssertionError(component.getName() + " is not a Declarative Services component (no @Component?): "
                        + "bnd generated no OSGI-INF/" + component.getName() + ".xml" + (b.getErrors().isEmpty() ? ""
                        : "; bnd says: " + b.getErrors()));
            }
            try (InputStream in = xml.openInputStream()) {
                return parse(in);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("the component description of " + component.getName() + " could not be made: " + e, e);
        }
    }

    private static File classesOf(Class<?> component) throws URISyntaxException {
        return Path.of(component.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile();
    }

    private static Map<String, List<String>> parse(InputStream in) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(in);
        Map<String, List<String>> out = new LinkedHashMap<>();
        NodeList props = doc.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            List<String> values = new ArrayList<>();
            if (p.hasAttribute("value")) {
                values.add(p.getAttribute("value"));
            } else {
                for (String line : p.getTextContent().split("\n")) {
                    if (!line.isBlank()) {
                        values.add(line.strip());
                    }
                }
            }
            out.put(p.getAttribute("name"), values);
        }
        return out;
    }
}
