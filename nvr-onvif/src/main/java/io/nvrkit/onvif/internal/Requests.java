package io.nvrkit.onvif.internal;

import io.nvrkit.core.Secret;
import java.util.List;
import java.util.function.Consumer;

/**
 * The device-management requests this module sends, mapped by hand from devicemgmt.wsdl (no WSDL
 * processing at run time). Each writes the Body content with {@link SoapWriter}; element namespaces
 * follow the schema exactly: {@code tds:User} holds {@code tt:Username}, {@code tt:Password},
 * {@code tt:UserLevel}; DeleteUsers' {@code Username} is {@code tds}.
 */
public final class Requests {
  private Requests() {}

  /** A user entry for CreateUsers / SetUser. */
  public record UserEntry(String name, Secret password, String level) {
    @Override
    public String toString() {
      return "UserEntry[" + name + ", " + level + "]";
    }
  }

  /**
   * A request with empty body element, such as {@code tds:GetDeviceInformation}.
   *
   * @param operation the operation (element local name in tds)
   * @return the body writer
   */
  public static Consumer<SoapWriter> empty(String operation) {
    return w -> w.start("tds:" + operation).end();
  }

  /**
   * GetServices with IncludeCapability.
   *
   * @param includeCapability whether to include capabilities
   * @return the body writer
   */
  public static Consumer<SoapWriter> getServices(boolean includeCapability) {
    return w ->
        w.start("tds:GetServices")
            .element("tds:IncludeCapability", Boolean.toString(includeCapability))
            .end();
  }

  /**
   * CreateUsers.
   *
   * @param users the users
   * @return the body writer
   */
  public static Consumer<SoapWriter> createUsers(List<UserEntry> users) {
    return w -> {
      w.start("tds:CreateUsers");
      users.forEach(u -> user(w, u));
      w.end();
    };
  }

  /**
   * SetUser.
   *
   * @param users the users
   * @return the body writer
   */
  public static Consumer<SoapWriter> setUser(List<UserEntry> users) {
    return w -> {
      w.start("tds:SetUser");
      users.forEach(u -> user(w, u));
      w.end();
    };
  }

  /**
   * DeleteUsers.
   *
   * @param names the user names
   * @return the body writer
   */
  public static Consumer<SoapWriter> deleteUsers(List<String> names) {
    return w -> {
      w.start("tds:DeleteUsers");
      names.forEach(n -> w.element("tds:Username", n));
      w.end();
    };
  }

  private static void user(SoapWriter w, UserEntry u) {
    w.start("tds:User");
    w.element("tt:Username", u.name());
    if (u.password() != null) {
      w.start("tt:Password").secret(u.password()).end();
    }
    w.element("tt:UserLevel", u.level());
    w.end();
  }
}
