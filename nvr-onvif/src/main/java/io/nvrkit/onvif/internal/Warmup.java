package io.nvrkit.onvif.internal;

import org.slf4j.LoggerFactory;

/**
 * Background first-use initialisation, once per JVM. The first ONVIF conversation of a process
 * needs two expensive one-time set-ups besides the HTTP transport: the hardened StAX factory of
 * {@link SafeXml} (the JDK's XML security manager reads its configuration and links its code) and,
 * for a login, the JCA providers behind {@link UsernameToken}'s {@code SecureRandom} and SHA-1.
 * Neither depends on the device. {@link #start} runs them on a daemon thread while the caller's
 * thread builds the transport and sends the first (anonymous) requests, so on a machine with a
 * spare core they cost no wall time (benchmarks/cold-start.md).
 *
 * <p>Once per JVM means once per holder class: the JVM initialises a class once, so no mutable
 * static field records that the thread ran (a probe warms the XML reader; the first login warms
 * both again, which is idempotent). Nothing is shared but the two classes' own static state, whose
 * initialisation the JVM serialises: a caller that needs a class before the warm-up finished simply
 * waits for it. A failure here is logged once at WARN (a class whose initialisation failed reports
 * only "Could not initialize class" to its next user on JDK 17) and the caller's own first use
 * fails then. The system property {@value #PROPERTY}{@code =false} turns the thread off.
 * Thread-safe.
 */
public final class Warmup {
  /** Set to {@code false} to start no thread: the first conversation then does this work itself. */
  public static final String PROPERTY = "nvrkit.onvif.warmup";

  private Warmup() {}

  /**
   * Starts the warm-up unless this kind (XML only, or XML and login) already ran in this JVM;
   * returns at once.
   *
   * @param login whether the conversation will authenticate (the JCA set-up is then warmed too)
   */
  public static void start(boolean login) {
    if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
      return;
    }
    // Each holder's class initialiser starts its thread: the JVM runs it once, so no static field
    // has to remember whether it ran
    if (login) {
      LoginWarmup.started();
    } else {
      XmlWarmup.started();
    }
  }

  private static void spawn(boolean login) {
    Thread t = new Thread(new Task(login), "nvrkit-onvif-warmup");
    t.setDaemon(true);
    t.setContextClassLoader(null); // holds no application class loader
    t.start();
  }

  /** Warms the XML reader, once per JVM (class initialisation). */
  private static final class XmlWarmup {
    static {
      spawn(false);
    }

    static void started() {
      // the class initialiser did the work
    }
  }

  /** Warms the XML reader and the JCA set-up of a login, once per JVM (class initialisation). */
  private static final class LoginWarmup {
    static {
      spawn(true);
    }

    static void started() {
      // the class initialiser did the work
    }
  }

  /** A named class rather than a lambda: a lambda's first use is itself start-up work. */
  private static final class Task implements Runnable {
    private final boolean login;

    Task(boolean login) {
      this.login = login;
    }

    @Override
    public void run() {
      try {
        SafeXml.warmUp();
        if (login) {
          UsernameToken.warmUp();
        }
      } catch (RuntimeException | LinkageError e) {
        // On JDK 17 a class whose initialisation failed here reports only "Could not initialize
        // class" to its next user, without this cause: log it once.
        LoggerFactory.getLogger(Warmup.class).warn("ONVIF start-up warm-up failed", e);
      }
    }
  }
}
