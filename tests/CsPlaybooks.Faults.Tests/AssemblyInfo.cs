// Each fault test runs several host processes on two cores; running tests side by side would make leases and
// timings meaningless, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
