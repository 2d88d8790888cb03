package io.docparser.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.docparser.api.OwnerIds;
import io.docparser.config.ConfigKey;
import io.docparser.config.OwnerSecret;
import io.docparser.persistence.StoreMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which secret this node keys owner ids with: the configured one, else the one the cluster keeps in its settings
 * map. That one is made by the first node that needs it and written with putIfAbsent, so that members starting
 * together all take the one that got there first; with a database the map is written through to it, so a full
 * restart finds it again (the migration that rewrote legacy owners may have put it there already). A cluster
 * without a database keeps it in memory, and loses it with its jobs.
 */
public final class OwnerSecrets {

  private static final Logger LOG = LoggerFactory.getLogger(OwnerSecrets.class);
  private static final HexFormat HEX = HexFormat.of();

  private OwnerSecrets() {
  }

  /**
   * Call once the member is up; the map call runs on a worker thread, as it may wait on the cluster and the
   * database.
   */
  public static Future<OwnerIds> resolve(Vertx vertx, HazelcastInstance member, OwnerSecret ownerSecret) {
    return ownerSecret.configuredKey()
        .map(secret -> Future.succeededFuture(new OwnerIds(secret)))
        .orElseGet(() -> vertx.executeBlocking(() -> new OwnerIds(agreedSecret(member)), false));
  }

  private static byte[] agreedSecret(HazelcastInstance member) {
    IMap<String, String> settings = member.getMap(StoreMaps.SETTINGS);
    String offered = HEX.formatHex(OwnerIds.newSecret());
    String earlier = settings.putIfAbsent(StoreMaps.OWNER_SECRET_SETTING, offered);
    if (earlier == null) {
      LOG.info("no {} configured: generated one for the cluster and keep it in its store",
          ConfigKey.OWNER_SECRET.envName());
      return HEX.parseHex(offered);
    }
    return parse(earlier);
  }

  private static byte[] parse(String stored) {
    try {
      byte[] secret = HEX.parseHex(stored);
      if (secret.length > 0) {
        return secret;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalStateException("the owner secret kept in " + StoreMaps.SETTINGS + " is not a hex secret;"
        + " restore the one kept before, or set " + ConfigKey.OWNER_SECRET.envName());
  }
}
