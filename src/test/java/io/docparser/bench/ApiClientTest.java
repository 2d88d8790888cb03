package io.docparser.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The benchmark's API client")
class ApiClientTest {

  @Test
  @DisplayName("percent-encodes a password's spaces as %20 and its plus signs as %2B, which the service decodes back")
  void spacesAndPlusSignsSurviveThePasswordHeader() {
    assertEquals("%20%20a%2Bb%20", ApiClient.percentEncoded("  a+b "));
  }

  @Test
  @DisplayName("percent-encodes a password's non-ASCII characters as UTF-8 bytes")
  void unicodeIsEncodedAsUtf8() {
    assertEquals("%E2%82%AC%F0%9F%98%80", ApiClient.percentEncoded("€😀"));
  }
}
