package io.docparser.api;

/**
 * A failure that the API reports to its caller: a stable code and a message written for a person. The message is
 * shown to clients as it is, so it never holds a stack trace, a host path or a class name.
 */
public final class ServiceException extends RuntimeException {

  private final ErrorCode code;

  public ServiceException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ServiceException(ErrorCode code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
