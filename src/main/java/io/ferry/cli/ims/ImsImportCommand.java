package io.ferry.cli.ims;

import io.ferry.cli.remote.CliErrors;
import io.ferry.provider.TransferException;
import io.ferry.provider.ims.ImageImportRequest;
import io.ferry.provider.ims.ImsClient;
import io.ferry.provider.ims.ImsOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry ims import}: create an image from an image file in OBS, optionally following the job. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Create a private image from an image file in OBS (POST /v2/cloudimages/action).")
public final class ImsImportCommand extends ImsCommandBase {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Image name.")
    String name;

    @Option(names = "--image-url", required = true, paramLabel = "BUCKET:OBJECT", description = "The image file in OBS.")
    String imageUrl;

    @Option(names = "--min-disk", required = true, paramLabel = "GB", description = "Minimum system disk size in GB.")
    int minDisk;

    @Option(names = "--os-version", paramLabel = "TEXT", description = "e.g. \"CentOS 7.0 64bit\".")
    String osVersion;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    @Option(names = "--type", paramLabel = "TYPE", description = "ECS, DataImage, IsoImage…")
    String type;

    @Option(names = "--tag", paramLabel = "KEY.VALUE", description = "Image tag; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--watch", description = "Follow the job until SUCCESS or FAIL.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "5", paramLabel = "SECONDS")
    double interval;

    @Override
    int run(ImsClient client) throws TransferException, InterruptedException {
        ImageImportRequest r = new ImageImportRequest(name, imageUrl, minDisk, osVersion, description, type, tags);
        if (watch) {
            Map<String, String> o = new LinkedHashMap<>();
            o.put(ImsOptions.START, "import");
            o.put(ImsOptions.IMAGE_NAME, r.name());
            o.put(ImsOptions.IMAGE_URL, r.imageUrl());
            o.put(ImsOptions.MIN_DISK, Integer.toString(r.minDisk()));
            o.put(ImsOptions.OS_VERSION, r.osVersion());
            o.put(ImsOptions.DESCRIPTION, r.description());
            o.put(ImsOptions.TYPE, r.type());
            o.put(ImsOptions.TAGS, String.join(",", r.tags()));
            return watch(client, o, interval);
        }
        String jobId = client.importImage(r);
        out().println(json ? json(Map.of("job_id", jobId)) : "started import job " + jobId);
        return CliErrors.OK;
    }
}
