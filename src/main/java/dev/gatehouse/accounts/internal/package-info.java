/** Storage, password hashing and policy, bootstrap and the administration services behind the accounts API. */
@NullMarked
package dev.gatehouse.accounts.internal;

import org.jspecify.annotations.NullMarked;
