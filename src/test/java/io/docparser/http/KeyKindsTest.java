package io.docparser.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docparser.support.ApiClient;
import io.docparser.support.DeployedNode;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenant keys submit and read jobs; operator keys read /metrics and /cluster; the contract says which operation takes
 * which ({@code x-docparser-key}), and a key of the other kind is refused with 403.
 */
@DisplayName("Tenant keys and operator keys")
class KeyKindsTest {

  private static final String TENANT_KEY = "tenant-key-" + UUID.randomUUID();
  private static final String OPERATOR_KEY = "operator-key-" + UUID.randomUUID();

  @RegisterExtension
  static final DeployedNode both = DeployedNode.with(Map.of("DOCPARSER_API_KEYS", TENANT_KEY,
      "DOCPARSER_OPERATOR_KEYS", OPERATOR_KEY, "DOCPARSER_RATE_LIMIT_PER_S", "0"));
  @RegisterExtension
  static final DeployedNode operatorOnly = DeployedNode.with(Map.of("DOCPARSER_OPERATOR_KEYS", OPERATOR_KEY,
      "DOCPARSER_NODE_ID", "operator-only"));
  @RegisterExtension
  static final DeployedNode workerOnly = DeployedNode.with(Map.of("DOCPARSER_ROLES", "worker",
      "DOCPARSER_API_KEYS", TENANT_KEY, "DOCPARSER_OPERATOR_KEYS", OPERATOR_KEY, "DOCPARSER_NODE_ID", "worker-only"));

  private static ApiClient tenant;
  private static ApiClient operator;
  private static OpenAPIContract contract;

  @BeforeAll
  static void clientsAndContract() throws Exception {
    tenant = both.api().withHeader("Authorization", "Bearer " + TENANT_KEY);
    operator = both.api().withHeader("X-API-Key", OPERATOR_KEY);
    contract = OpenAPIContract.from(both.vertx(), ContractRoutes.load().loadableContractJson())
        .await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("every secured operation takes the kind of key the contract names, and refuses the other with 403")
  void eachOperationTakesTheKindItDeclares() {
    JsonObject paths = contract.getRawContract().getJsonObject("paths");
    int checked = 0;
    for (Operation operation : contract.operations()) {
      if (ApiKeyAuth.isOpen(operation)) {
        continue;
      }
      String kind = paths.getJsonObject(operation.getOpenAPIPath())
          .getJsonObject(operation.getHttpMethod().name().toLowerCase(Locale.ROOT))
          .getString(ApiKeyAuth.KEY_EXTENSION, "tenant");
      HttpResponse<String> asTenant = ApiKeyTest.call(tenant, operation);
      HttpResponse<String> asOperator = ApiKeyTest.call(operator, operation);
      String name = operation.getOperationId() + " (" + kind + ")";
      assertEquals(kind.equals("operator"), asTenant.statusCode() == 403, name + " as tenant: " + asTenant.body());
      assertEquals(kind.equals("tenant"), asOperator.statusCode() == 403, name + " as operator: " + asOperator.body());
      for (HttpResponse<String> refused : List.of(asTenant, asOperator)) {
        if (refused.statusCode() == 403) {
          assertEquals("FORBIDDEN", ApiClient.json(refused).getString("error_code"), name);
        }
        assertNotEquals(401, refused.statusCode(), name + ": " + refused.body());
      }
      checked++;
    }
    assertTrue(checked >= 10, "the contract secures " + checked + " operations");
  }

  @Test
  @DisplayName("a tenant key cannot read /metrics or /cluster, and an operator key cannot submit or read jobs")
  void keysOfTheOtherKindAreForbidden() {
    assertEquals(403, tenant.get("/metrics").statusCode());
    assertEquals(403, tenant.get("/cluster").statusCode());
    assertEquals(200, operator.get("/metrics").statusCode());
    assertEquals(200, operator.get("/cluster").statusCode());
    assertEquals(403, operator.submitText("an operator may not submit").statusCode());
    assertEquals(403, operator.get("/jobs").statusCode());
    String jobId = tenant.submitTextForId("a tenant's job");
    assertEquals(403, operator.get("/status/" + jobId).statusCode());
    assertEquals(403, operator.delete("/jobs/" + jobId).statusCode());
    assertEquals(200, operator.get("/formats").statusCode());
  }

  @Test
  @DisplayName("a request presenting two different keys is a 400; the same key in both headers is fine")
  void twoDifferentKeysAreRefused() {
    HttpResponse<String> two = tenant.withHeader("X-API-Key", OPERATOR_KEY).get("/formats");
    assertEquals(400, two.statusCode(), two.body());
    assertEquals("INVALID_REQUEST", ApiClient.json(two).getString("error_code"));
    assertTrue(!two.body().contains(TENANT_KEY) && !two.body().contains(OPERATOR_KEY), two.body());
    assertEquals(200, tenant.withHeader("X-API-Key", TENANT_KEY).get("/jobs").statusCode());
  }

  @Test
  @DisplayName("operator keys alone switch authentication on: the jobs need a key nobody has")
  void operatorKeysAloneSwitchAuthenticationOn() {
    ApiClient operatorOnlyNode = operatorOnly.api();
    assertEquals(401, operatorOnlyNode.get("/jobs").statusCode());
    assertEquals(401, operatorOnlyNode.submitText("anyone?").statusCode());
    assertEquals(401, operatorOnlyNode.get("/metrics").statusCode());
    ApiClient withKey = operatorOnlyNode.withHeader("X-API-Key", OPERATOR_KEY);
    assertEquals(200, withKey.get("/metrics").statusCode());
    assertEquals(403, withKey.get("/jobs").statusCode());
    assertEquals(200, operatorOnlyNode.get("/health/ready").statusCode());
  }

  @Test
  @DisplayName("a worker-only node's /metrics and /cluster take operator keys only")
  void workerOnlyNodeTakesOperatorKeys() {
    ApiClient workerOnlyNode = workerOnly.api();
    assertEquals(401, workerOnlyNode.get("/metrics").statusCode());
    assertEquals(403, workerOnlyNode.withHeader("X-API-Key", TENANT_KEY).get("/metrics").statusCode());
    assertEquals(403, workerOnlyNode.withHeader("X-API-Key", TENANT_KEY).get("/cluster").statusCode());
    assertEquals(200, workerOnlyNode.withHeader("X-API-Key", OPERATOR_KEY).get("/metrics").statusCode());
    assertEquals(200, workerOnlyNode.withHeader("X-API-Key", OPERATOR_KEY).get("/cluster").statusCode());
  }
}
