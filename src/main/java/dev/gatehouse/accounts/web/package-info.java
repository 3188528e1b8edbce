/** HTTP resources of accounts: registration, user administration, organizations and their members. */
@NullMarked
package dev.gatehouse.accounts.web;

import org.jspecify.annotations.NullMarked;
