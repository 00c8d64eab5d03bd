package io.ferry.cli.ims;

import io.ferry.cli.remote.CliErrors;
import io.ferry.provider.TransferException;
import io.ferry.provider.ims.ImageExportRequest;
import io.ferry.provider.ims.ImsClient;
import io.ferry.provider.ims.ImsOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry ims export IMAGE_ID}: export a private image to an OBS bucket, optionally following the job. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a private image to OBS (POST /v1/cloudimages/{image_id}/file).")
public final class ImsExportCommand extends ImsCommandBase {
    @Parameters(index = "0", paramLabel = "IMAGE_ID")
    String imageId;

    @Option(names = "--bucket-url", required = true, paramLabel = "BUCKET:FILE", description = "Where the file goes in OBS.")
    String bucketUrl;

    @Option(names = "--file-format", required = true, paramLabel = "FORMAT", description = "qcow2, vhd, zvhd or vmdk (zvhd2 with --quick).")
    String fileFormat;

    @Option(names = "--quick", description = "Fast export (needed above 128 GB; then zvhd2 only).")
    boolean quick;

    @Option(names = "--watch", description = "Follow the job until SUCCESS or FAIL.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "5", paramLabel = "SECONDS")
    double interval;

    @Override
    int run(ImsClient client) throws TransferException, InterruptedException {
        ImageExportRequest r = new ImageExportRequest(imageId, bucketUrl, fileFormat, quick);
        if (watch) {
            Map<String, String> o = new LinkedHashMap<>();
            o.put(ImsOptions.START, "export");
            o.put(ImsOptions.IMAGE_ID, r.imageId());
            o.put(ImsOptions.BUCKET_URL, r.bucketUrl());
            o.put(ImsOptions.FILE_FORMAT, r.fileFormat());
            o.put(ImsOptions.QUICK_EXPORT, Boolean.toString(r.quickExport()));
            return watch(client, o, interval);
        }
        String jobId = client.exportImage(r);
        out().println(json ? json(Map.of("job_id", jobId)) : "started export job " + jobId);
        return CliErrors.OK;
    }
}
