/**
 * The owner's access: who may use this peer's API and page (the owner's token and the
 * page's session), which host names the peer answers to, and the headers every answer
 * carries.
 */
@NullMarked
package dev.p2pchat.peer.access;

import org.jspecify.annotations.NullMarked;
