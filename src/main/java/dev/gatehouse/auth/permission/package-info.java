/** The role → permission table: which permissions each organization role grants. */
@NullMarked
package dev.gatehouse.auth.permission;

import org.jspecify.annotations.NullMarked;
