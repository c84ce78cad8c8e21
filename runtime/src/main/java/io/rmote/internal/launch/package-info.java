/**
 * Not API: what every launcher shares: the become handshake ({@code sudo}, {@code su}, {@code doas}
 * prompts and passwords), shell quoting, and the access to the parts of public values that only
 * launchers may reach.
 */
package io.rmote.internal.launch;
