/**
 * The engine's front door: the runbooks (plan, upgrade, rollback, verify, report), each one type
 * configured by a request with one {@code run} returning a typed result, and the ports a front door
 * provides ({@link io.dataos.upgrade.api.RunbookPorts}): where commands run ({@link
 * io.dataos.upgrade.api.CommandRunner}, {@link io.dataos.upgrade.api.Command}), the files ({@link
 * io.dataos.upgrade.api.Workspace}), the secrets ({@link io.dataos.upgrade.api.SecretProvider}), the
 * gates' decisions ({@link io.dataos.upgrade.api.GateApprovals}) and progress ({@link
 * io.dataos.upgrade.api.ProgressEvent}). Bad input is refused with {@link
 * io.dataos.upgrade.api.InvalidInputException}. The command line imports nothing else of core; the
 * handlers and everything under them stay behind this package.
 */
package io.dataos.upgrade.api;
