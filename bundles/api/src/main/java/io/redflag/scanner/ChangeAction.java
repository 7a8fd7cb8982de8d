// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

/** What a transaction does to one package. */
public enum ChangeAction {
    INSTALL, UPGRADE, DOWNGRADE, REINSTALL, REMOVE, CONFIGURE
}
