package io.rmote.ssh;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every ssh_config keyword of OpenSSH 9 and what rmote does with it: the one table behind the
 * config reader, {@link Ssh.Builder#option}, and the table in docs/ssh.md.
 */
final class SshKeywords {
  /** What rmote does with a keyword. */
  enum Treatment {
    /** Applied as OpenSSH applies it. */
    HONOURED,
    /**
     * Nothing to do: rmote already behaves as the keyword asks, or it concerns something rmote
     * never does (X11, a tty).
     */
    MOOT,
    /**
     * Not applied, with a warning: rmote cannot do it, and connecting without it is still the same
     * host, user and key check.
     */
    IGNORED,
    /**
     * Never taken from a config file, with a warning: it would weaken host-key checking; only code
     * may set it.
     */
    REFUSED,
    /**
     * The connection fails with a message: without it rmote would connect elsewhere or otherwise
     * than ssh(1).
     */
    FAILS
  }

  /** One keyword: its OpenSSH spelling, treatment, whether its lines add up, and why. */
  static final class Keyword {
    final String name;
    final Treatment treatment;
    final boolean multi;
    final boolean oneArgument;
    final String why;

    Keyword(String name, Treatment treatment, boolean multi, boolean oneArgument, String why) {
      this.name = name;
      this.treatment = treatment;
      this.multi = multi;
      this.oneArgument = oneArgument;
      this.why = why;
    }

    /** The key in resolved values: the name in lower case (aliases map to their keyword's). */
    String key() {
      return name.toLowerCase(Locale.ROOT);
    }
  }

  private static final Map<String, Keyword> TABLE = new LinkedHashMap<>();
  private static final Map<String, String> ALIASES =
      Map.of(
          "pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms",
          "hostbasedkeytypes", "hostbasedacceptedalgorithms",
          "challengeresponseauthentication", "kbdinteractiveauthentication",
          "dsaauthentication", "pubkeyauthentication");

  private static void h(String name, String why) {
    add(name, Treatment.HONOURED, false, why);
  }

  private static void add(String name, Treatment t, boolean multi, String why) {
    TABLE.put(name.toLowerCase(Locale.ROOT), new Keyword(name, t, multi, true, why));
  }

  static {
    h("Host", "starts a block for the hosts it matches (patterns, `!`)");
    h(
        "Match",
        "host, originalhost, user, localuser, all, final, canonical (never canonicalized); exec only when allowed");
    h("Include", "globs, relative to ~/.ssh; conditional inside a block");
    h("IgnoreUnknown", "unknown keywords it names are skipped");
    h("HostName", "with %h");
    h("Port", "");
    h("User", "");
    add("IdentityFile", Treatment.HONOURED, true, "several lines add up; tokens, ~ and ${VAR}");
    add(
        "CertificateFile",
        Treatment.HONOURED,
        true,
        "user certificates offered with the matching key");
    h("IdentitiesOnly", "the agent's keys are offered only if they match a listed file");
    h("IdentityAgent", "a socket path, SSH_AUTH_SOCK or none");
    h("ProxyJump", "chains, none; each hop resolved by its own entry");
    h(
        "ProxyCommand",
        "run with /bin/sh -c, tokens %h %p %r %n %%; shares one slot with ProxyJump: the first set wins");
    h("HostKeyAlias", "the name looked up in known_hosts");
    h("UserKnownHostsFile", "several files; new keys go to the first");
    h("GlobalKnownHostsFile", "several files, read only");
    h("AddressFamily", "any, inet, inet6");
    h(
        "ConnectTimeout",
        "a time as OpenSSH writes it (`10`, `1m30s`), per address; 0 or none: none of its own");
    h("ServerAliveInterval", "a time as OpenSSH writes it (`30`, `1m`); 0 or none: off");
    h("ServerAliveCountMax", "");
    h("ConnectionAttempts", "whole attempts, one second apart");
    h("HostKeyAlgorithms", "with +, - and ^ against JSch's defaults");
    h("KexAlgorithms", "with +, - and ^ against JSch's defaults");
    h("Ciphers", "with +, - and ^ against JSch's defaults");
    h("MACs", "with +, - and ^ against JSch's defaults");
    h("PubkeyAcceptedAlgorithms", "with +, - and ^ against JSch's defaults");
    h("CASignatureAlgorithms", "algorithms a host certificate's CA may sign with");
    h("PreferredAuthentications", "");
    h("Compression", "");
    h("StrictHostKeyChecking", "in code only (HostKeyPolicy); from a config file it is REFUSED");

    String moot = "rmote never does this (no terminal, no forwarding, no X11)";
    for (String k :
        new String[] {
          "BatchMode",
          "RequestTTY",
          "EscapeChar",
          "EnableEscapeCommandline",
          "ForwardX11",
          "ForwardX11Timeout",
          "ForwardX11Trusted",
          "XAuthLocation",
          "ForwardAgent",
          "LocalForward",
          "RemoteForward",
          "DynamicForward",
          "ClearAllForwardings",
          "ExitOnForwardFailure",
          "GatewayPorts",
          "PermitRemoteOpen",
          "StreamLocalBindMask",
          "StreamLocalBindUnlink",
          "LocalCommand",
          "PermitLocalCommand",
          "ForkAfterAuthentication",
          "StdinNull",
          "SessionType",
          "VisualHostKey",
          "NumberOfPasswordPrompts",
          "AddKeysToAgent",
          "SendEnv",
          "SetEnv",
          "Tunnel",
          "TunnelDevice"
        }) {
      add(
          k,
          Treatment.MOOT,
          k.endsWith("Forward") || k.equals("SendEnv") || k.equals("SetEnv"),
          moot);
    }
    String logs = "rmote logs through SLF4J (io.rmote.ssh, io.rmote.ssh.jsch)";
    for (String k : new String[] {"LogLevel", "LogVerbose", "SyslogFacility"})
      add(k, Treatment.MOOT, false, logs);
    add(
        "HashKnownHosts",
        Treatment.MOOT,
        false,
        "keys rmote records (ACCEPT_NEW) are written as plain names");
    add("FingerprintHash", Treatment.MOOT, false, "messages always show SHA256 fingerprints");
    add(
        "TCPKeepAlive",
        Treatment.MOOT,
        false,
        "keep-alives go through the SSH channel (ServerAliveInterval)");
    add(
        "PasswordAuthentication",
        Treatment.MOOT,
        false,
        "a password is used only when the code gives one");
    add(
        "KbdInteractiveAuthentication",
        Treatment.MOOT,
        false,
        "a password is used only when the code gives one");
    add(
        "KbdInteractiveDevices",
        Treatment.MOOT,
        false,
        "a password is used only when the code gives one");
    add("PubkeyAuthentication", Treatment.MOOT, false, "keys are always offered");

    String cannot =
        "not supported by JSch or rmote; the connection goes to the same host and checks the same key without it";
    for (String k :
        new String[] {
          "BindAddress",
          "BindInterface",
          "CanonicalDomains",
          "CanonicalizeFallbackLocal",
          "CanonicalizeHostname",
          "CanonicalizeMaxDots",
          "CanonicalizePermittedCNAMEs",
          "ControlMaster",
          "ControlPath",
          "ControlPersist",
          "IPQoS",
          "RekeyLimit",
          "RequiredRSASize",
          "GSSAPIAuthentication",
          "GSSAPIDelegateCredentials",
          "GSSAPIKeyExchange",
          "GSSAPITrustDns",
          "GSSAPIRenewalForcesRekey",
          "GSSAPIKexAlgorithms",
          "GSSAPIClientIdentity",
          "GSSAPIServerIdentity",
          "HostbasedAuthentication",
          "HostbasedAcceptedAlgorithms",
          "EnableSSHKeysign",
          "ProxyUseFdpass",
          "ObscureKeystrokeTiming",
          "ChannelTimeout",
          "Tag"
        }) {
      add(k, Treatment.IGNORED, false, cannot);
    }
    String weaker =
        "would weaken or bypass the host-key check; only code decides that (Ssh.Builder.hostKeyPolicy)";
    for (String k :
        new String[] {
          "CheckHostIP", "VerifyHostKeyDNS", "UpdateHostKeys", "NoHostAuthenticationForLocalhost"
        }) {
      add(k, Treatment.REFUSED, false, weaker);
    }
    add(
        "RevokedHostKeys",
        Treatment.FAILS,
        false,
        "a KRL file is not read; connecting would ignore its revocations");
    add(
        "KnownHostsCommand",
        Treatment.FAILS,
        false,
        "the command is not run; the host key could not be checked as ssh(1) does");
    add("RemoteCommand", Treatment.FAILS, false, "rmote runs its own interpreter command");
    add(
        "PKCS11Provider",
        Treatment.FAILS,
        false,
        "no PKCS#11 in JSch; the keys it would offer are missing");
    add("SecurityKeyProvider", Treatment.FAILS, false, "no FIDO security keys in JSch");
    for (String k :
        new String[] {
          "Protocol",
          "Cipher",
          "UseRoaming",
          "UsePrivilegedPort",
          "RSAAuthentication",
          "RhostsRSAAuthentication",
          "CompressionLevel",
          "UseKeychain"
        }) {
      add(
          k,
          Treatment.MOOT,
          false,
          "deprecated or removed from OpenSSH; ignored as ssh(1) ignores it");
    }
  }

  private SshKeywords() {}

  /** The keyword, whatever its case or alias; {@code null} if OpenSSH does not know it. */
  static Keyword find(String name) {
    String k = name.toLowerCase(Locale.ROOT);
    return TABLE.get(ALIASES.getOrDefault(k, k));
  }

  /** All keywords in the table's order, for the documentation test. */
  static Iterable<Keyword> all() {
    return TABLE.values();
  }
}
