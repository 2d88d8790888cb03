package io.docparser.parsing;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The shared corpus of real documents, in every output format, through a node that parses in its own JVM")
class CorpusInProcessIT extends CorpusScenario {

  @Override
  String isolation() {
    return "none";
  }
}
