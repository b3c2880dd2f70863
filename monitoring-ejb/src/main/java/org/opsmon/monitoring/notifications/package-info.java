/**
 * Notifications: channels (log, file, email, webhook, Slack) with their filters, and the outbox
 * that carries alert changes to them. The outbox is a table written in the very transaction that
 * records an alert change, so a change and its notifications commit together; a dispatcher then
 * sends due rows, each channel on its own sender with its own timeout, retrying with backoff.
 * Delivery is therefore at-least-once and survives restarts, and a failing or slow channel holds
 * up only itself. Alert changes that reach a channel within its grouping window travel as one
 * message. Settings and filters are pure value objects (entity) validated where they enter;
 * secrets in settings are sealed with the platform's SecretBox and never shown again.
 */
package org.opsmon.monitoring.notifications;
