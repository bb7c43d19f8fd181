/**
 * Protected environments and separation of duties, in plain Java: which environments need approval
 * before a deployment, who may deploy to them and who may approve, the life of one approval request,
 * and the gate that decides whether a deployment may go ahead. Deny by default: a protected
 * environment lets through only a listed deployer holding an approved, unexpired, unused request
 * that someone other than the requester approved. Storage and transport live elsewhere.
 */
package io.opsplane.security.approval;
