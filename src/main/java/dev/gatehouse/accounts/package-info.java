/**
 * Users, organizations (tenants) and memberships with one role each, organization settings,
 * registration and the first-start admin. Other capabilities use {@link dev.gatehouse.accounts.AccountService}
 * and the records and events at this package's root; {@code internal} and {@code web} are private.
 */
@NullMarked
package dev.gatehouse.accounts;

import org.jspecify.annotations.NullMarked;
