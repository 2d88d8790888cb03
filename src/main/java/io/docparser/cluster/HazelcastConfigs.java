package io.docparser.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.docparser.config.ClusterSettings;
import io.docparser.config.ConfigException;
import io.docparser.config.ConfigKey;
import io.docparser.config.DatabaseSettings;
import io.docparser.config.DatabaseSettings.JdbcTarget;
import io.docparser.config.OwnerSecret;
import io.docparser.config.JdbcUrls;
import io.docparser.config.ServiceConfig;
import io.docparser.jobs.LeaseVerticle;
import io.docparser.persistence.StoreMaps;
import io.docparser.persistence.Database;
import io.docparser.persistence.PersistentMaps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hazelcast configuration of a node. A clustered node reads conf/cluster.xml (from the working directory, else
 * the copy bundled in the jar) and joins the members of {@code DOCPARSER_CLUSTER_MEMBERS}; a standalone node runs
 * one member of its own, bound to loopback under a cluster name of its own, that joins nothing. Both get the
 * service's maps, so the store code is the same in both, and both serve members only (see {@link MemberOnlyNetwork}).
 */
public final class HazelcastConfigs {

  private static final Logger LOG = LoggerFactory.getLogger(HazelcastConfigs.class);
  static final String CLUSTER_FILE = "conf/cluster.xml";
  /** Standalone members listen outside the cluster's 5701-5720 range, so they never answer a cluster's join. */
  private static final int STANDALONE_PORT = 5801;
  private static final int BACKUPS = 1;
  private static final String LOOPBACK = "127.0.0.1";

  private HazelcastConfigs() {
  }

  public static Config clustered(ServiceConfig config) {
    Config hazelcast = readClusterFile();
    requirePlainNetwork(hazelcast);
    ClusterSettings cluster = config.cluster();
    hazelcast.setClusterName(cluster.name());
    TcpIpConfig tcpIp = hazelcast.getNetworkConfig().getJoin().getTcpIpConfig();
    tcpIp.setEnabled(true).setMembers(cluster.members());
    cluster.bindAddress().ifPresentOrElse(address -> bindTo(hazelcast, address),
        () -> LOG.warn("cluster traffic (Hazelcast, the event bus) listens on every interface of this machine, and"
            + " Hazelcast's open-source edition neither authenticates members nor encrypts traffic: set {} to the"
            + " address of a private network", ConfigKey.CLUSTER_HOST.envName()));
    MemberOnlyNetwork.apply(hazelcast);
    hazelcast.getMemberAttributeConfig().setAttribute(LeaseVerticle.NODE_ATTRIBUTE, config.nodeId());
    withServiceMaps(hazelcast);
    config.database().clusteredTarget().ifPresentOrElse(
        target -> persisted(hazelcast, target, ConfigKey.DB_URL, config.ownerSecret()),
        () -> LOG.warn("no database configured ({}): job state lives only in the cluster's memory and is lost when"
            + " every node stops", ConfigKey.DB_URL.envName()));
    return hazelcast;
  }

  /**
   * Opens the database (blocking) and puts the service's maps on it; a standalone node always has one.
   *
   * @param ownerSecret the node's owner secret, which migrating the database may need
   */
  public static Config standalone(DatabaseSettings database, OwnerSecret ownerSecret) {
    ConfigKey setting = database.url().isPresent() ? ConfigKey.DB_URL : ConfigKey.DATA_DIR;
    return persisted(standaloneMaps(), database.standaloneTarget(), setting, ownerSecret);
  }

  /** @param setting the setting that chose this database, named when it cannot be opened */
  private static Config persisted(Config hazelcast, JdbcTarget target, ConfigKey setting, OwnerSecret ownerSecret) {
    try {
      Database database = Database.open(target, ownerSecret);
      LOG.info("job state, documents and results are kept in the database at {}", JdbcUrls.redact(target.url()));
      return PersistentMaps.attach(hazelcast, database);
    } catch (RuntimeException e) {
      String hint = setting == ConfigKey.DATA_DIR
          ? " (a standalone node needs a data dir that no other node uses)"
          : "";
      // Not chained: a driver's message may hold the URL as given, and the cause would be printed with it.
      throw new ConfigException("the database at '" + JdbcUrls.redact(target.url()) + "' (from "
          + setting.describe() + ") could not be opened" + hint + ": "
          + JdbcUrls.redactIn(e.getMessage(), target.url()));
    }
  }

  /**
   * The cluster name is new at every start and never logged: any process on this machine can reach the loopback
   * port, and the open-source member asks nothing secret of a member that wants to join but the cluster name. A
   * fixed name is known to anyone who reads this code. Hazelcast puts the name at the head of each line it logs
   * unless its log details are off.
   */
  private static Config standaloneMaps() {
    Config hazelcast = new Config().setClusterName(UUID.randomUUID().toString());
    hazelcast.setProperty("hazelcast.logging.details.enabled", "false");
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.shutdownhook.enabled", "false");
    hazelcast.setProperty("hazelcast.wait.seconds.before.join", "0");
    hazelcast.getNetworkConfig().setPort(STANDALONE_PORT).setPortAutoIncrement(true).setPortCount(100);
    bindTo(hazelcast, LOOPBACK);
    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    return withServiceMaps(MemberOnlyNetwork.apply(hazelcast));
  }

  static Config withServiceMaps(Config hazelcast) {
    hazelcast.addMapConfig(new MapConfig(StoreMaps.JOBS).setBackupCount(BACKUPS)
        .addIndexConfig(new IndexConfig(IndexType.HASH, StoreMaps.STATUS_ATTRIBUTE))
        .addIndexConfig(new IndexConfig(IndexType.HASH, StoreMaps.OWNER_ATTRIBUTE)));
    hazelcast.addMapConfig(new MapConfig(StoreMaps.DOCUMENTS).setBackupCount(BACKUPS));
    hazelcast.addMapConfig(new MapConfig(StoreMaps.RESULTS).setBackupCount(BACKUPS));
    hazelcast.addMapConfig(new MapConfig(StoreMaps.PASSWORDS).setBackupCount(BACKUPS));
    hazelcast.addMapConfig(new MapConfig(StoreMaps.IDEMPOTENCY_KEYS).setBackupCount(BACKUPS));
    hazelcast.addMapConfig(new MapConfig(StoreMaps.SETTINGS).setBackupCount(BACKUPS));
    return hazelcast;
  }

  /** Without bind.any=false, Hazelcast would listen on every interface and only advertise the chosen one. */
  private static void bindTo(Config hazelcast, String address) {
    hazelcast.setProperty("hazelcast.socket.bind.any", "false");
    hazelcast.getNetworkConfig().getInterfaces().setEnabled(true).setInterfaces(List.of(address));
  }

  /** The network is set up from {@code <network>}, which Hazelcast ignores once an advanced network is on. */
  static void requirePlainNetwork(Config hazelcast) {
    if (hazelcast.getAdvancedNetworkConfig().isEnabled()) {
      throw new ConfigException(CLUSTER_FILE + " enables <advanced-network>: configure <network> instead, which the"
          + " service serves on a member endpoint alone, so that no Hazelcast client can connect");
    }
  }

  private static Config readClusterFile() {
    Path local = Path.of(CLUSTER_FILE);
    try (InputStream in = Files.isRegularFile(local)
        ? Files.newInputStream(local)
        : HazelcastConfigs.class.getClassLoader().getResourceAsStream(CLUSTER_FILE)) {
      if (in == null) {
        throw new ConfigException(CLUSTER_FILE + " is missing, and the jar holds no copy of it");
      }
      return new XmlConfigBuilder(in).build();
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException(CLUSTER_FILE + " could not be read as a Hazelcast configuration: " + e.getMessage(), e);
    }
  }
}
