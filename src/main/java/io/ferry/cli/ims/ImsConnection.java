package io.ferry.cli.ims;

import io.ferry.provider.ims.ImsClient;
import io.ferry.provider.ims.ImsProfile;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options that name an account: region, domain, user, password, project, endpoints. */
public final class ImsConnection {
    @Option(names = "--region", defaultValue = "${env:FERRY_IMS_REGION:-eu-de}", paramLabel = "REGION",
            description = "Region, e.g. eu-de, eu-nl, eu-ch2, ap-southeast-1 (default: $FERRY_IMS_REGION or ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--domain", defaultValue = "${env:FERRY_IMS_DOMAIN}", paramLabel = "NAME",
            description = "IAM domain (account) name (default: $FERRY_IMS_DOMAIN).")
    String domain;

    @Option(names = "--user", defaultValue = "${env:FERRY_IMS_USER}", paramLabel = "NAME",
            description = "IAM user (default: $FERRY_IMS_USER).")
    String user;

    @Option(names = "--password", defaultValue = "${env:FERRY_IMS_PASSWORD}", interactive = true, arity = "0..1",
            paramLabel = "PASSWORD", description = "Password (default: $FERRY_IMS_PASSWORD; --password alone prompts).")
    String password;

    @Option(names = "--project", paramLabel = "NAME", description = "Project to scope the token to (default: the region).")
    String project;

    @Option(names = "--project-id", paramLabel = "ID", description = "Project id (default: read from the token).")
    String projectId;

    @Option(names = "--endpoint", paramLabel = "URL", description = "IMS base URL (default: from the region).")
    String endpoint;

    @Option(names = "--iam-endpoint", paramLabel = "URL",
            description = "IAM base URL, with or without /v3 (default: from the region; the --endpoint itself when that is a"
                    + " loopback address, so a local test server gets the credentials, not the cloud).")
    String iamEndpoint;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "PEM file of the CA(s) to trust for IAM and IMS (default: the system trust store). The hostname"
                    + " is always checked.")
    String caFile;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Per-call timeout (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    ImsClient client() {
        String iam = iamEndpoint;
        if ((iam == null || iam.isBlank()) && isLoopback(endpoint)) {
            iam = endpoint;
        }
        return new ImsClient(new ImsProfile(region, domain, user, password, project, projectId, iam, endpoint,
                Duration.ofSeconds(Math.max(1, timeoutSeconds)), caFile));
    }

    static boolean isLoopback(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        okhttp3.HttpUrl u = okhttp3.HttpUrl.parse(url.trim());
        if (u == null) {
            return false;
        }
        String h = u.host();
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }
}
