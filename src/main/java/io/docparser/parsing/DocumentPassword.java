package io.docparser.parsing;

import java.io.Serializable;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.PasswordProvider;

/**
 * The password a client gave with its document. Serializable, because a child process receives it inside the
 * parse request; its {@link #toString()} does not show it, so it cannot reach a log.
 */
record DocumentPassword(String password) implements PasswordProvider, Serializable {

  @Override
  public String getPassword(Metadata metadata) {
    return password;
  }

  @Override
  public String toString() {
    return "DocumentPassword[hidden]";
  }
}
