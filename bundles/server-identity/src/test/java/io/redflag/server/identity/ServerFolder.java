// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import io.redflag.server.identity.internal.JdbcOperatorTokens;
import java.lang.annotation.Annotation;
import java.nio.file.Path;

/** The server's configuration as the identity components read it, with its data folder where a test wants it. */
final class ServerFolder {

    private ServerFolder() {}

    static JdbcOperatorTokens.Config at(Path dataDir) {
        return new JdbcOperatorTokens.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return JdbcOperatorTokens.Config.class;
            }

            @Override
            public String data_dir() {
                return dataDir.toString();
            }
        };
    }
}
