package com.kwp.bridge.error;

/** A `.sql` template that cannot be loaded or rendered (e.g. an unresolved placeholder). */
public class TemplateException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(ErrorClass.TEMPLATE, message);
  }

  public TemplateException(String message, Throwable cause) {
    super(ErrorClass.TEMPLATE, message, cause);
  }
}
