package io.docparser.parsing;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The shared corpus of real documents, in every output format, through a node that parses in child JVMs")
class CorpusProcessIT extends CorpusScenario {

  @Override
  String isolation() {
    return "process";
  }
}
