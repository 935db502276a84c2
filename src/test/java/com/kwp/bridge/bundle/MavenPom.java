package com.kwp.bridge.bundle;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What pom.xml says the build produces: the shaded JAR's file name and build properties. */
final class MavenPom {
  private MavenPom() {}

  static String shadedJarName(Path root) throws Exception {
    Element project = pom(root).getDocumentElement();
    String classifier = pom(root).getElementsByTagName("shadedClassifierName").item(0).getTextContent().trim();
    return child(project, "artifactId") + "-" + child(project, "version") + "-" + classifier + ".jar";
  }

  static String property(Path root, String name) throws Exception {
    return pom(root).getElementsByTagName(name).item(0).getTextContent().trim();
  }

  private static String child(Element parent, String tag) {
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
        return e.getTextContent().trim();
      }
    }
    throw new AssertionError("pom.xml has no <" + tag + ">");
  }

  private static Document pom(Path root) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
  }
}
