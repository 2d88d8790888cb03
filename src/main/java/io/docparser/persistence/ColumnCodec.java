package io.docparser.persistence;

import com.hazelcast.core.HazelcastJsonValue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How a map's values go into the {@code body} column and come back. */
interface ColumnCodec<V> {

  ColumnCodec<HazelcastJsonValue> JSON = new ColumnCodec<>() {
    @Override
    public void bind(PreparedStatement statement, int index, HazelcastJsonValue value) throws SQLException {
      statement.setString(index, value.getValue());
    }

    @Override
    public HazelcastJsonValue read(ResultSet row, int index) throws SQLException {
      return new HazelcastJsonValue(row.getString(index));
    }
  };

  ColumnCodec<String> TEXT = new ColumnCodec<>() {
    @Override
    public void bind(PreparedStatement statement, int index, String value) throws SQLException {
      statement.setString(index, value);
    }

    @Override
    public String read(ResultSet row, int index) throws SQLException {
      return row.getString(index);
    }
  };

  ColumnCodec<byte[]> BYTES = new ColumnCodec<>() {
    @Override
    public void bind(PreparedStatement statement, int index, byte[] value) throws SQLException {
      statement.setBytes(index, value);
    }

    @Override
    public byte[] read(ResultSet row, int index) throws SQLException {
      return row.getBytes(index);
    }
  };

  void bind(PreparedStatement statement, int index, V value) throws SQLException;

  V read(ResultSet row, int index) throws SQLException;
}
