namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Home Assistant: home automation. Route <c>homeassistant.&lt;domain&gt;</c> (port 8123), <b>bypass</b>: its companion
    /// apps cannot pass a login page, and it has users and multi-factor login of its own (upstream bypassed it too).
    /// Always on (automations run around the clock); dashboard group "Home Automation", with Homepage's Home Assistant
    /// widget, which reads the secret <c>homeassistant-api-key</c> that you supply (a long-lived access token from your
    /// profile). Upstream ran it privileged on the host network. Here it is on the lab's networks behind Traefik: the
    /// library offers no host networking, and the UI, automations and cloud or IP integrations work without it, but
    /// discovery by mDNS/SSDP and Bluetooth do not (add devices by address), and USB sticks need a <c>[Device]</c> on
    /// your class. Home Assistant refuses proxied requests until <c>configuration.yaml</c> says
    /// <c>http: { use_x_forwarded_for: true, trusted_proxies: [172.16.0.0/12] }</c> (Docker's default range for its
    /// networks; <c>docker network inspect traefik-network</c> shows Traefik's).
    /// </summary>
    [Stack("homeassistant")]
    [Service(Name = "homeassistant", Image = "ghcr.io/home-assistant/home-assistant:2026.8.3")]
    [Route(8123, Access = Access.Bypass)]
    [Dashboard("Home Automation", Name = "Home Assistant", Icon = "home-assistant.png", Description = "Home automation")]
    [Widget("homeassistant", ApiKeySecret = "homeassistant-api-key")]
    [Env("TZ", "${TZ}")]
    [Volume("./homeassistant/config", "/config")]
    [Healthcheck("curl -fsS -o /dev/null http://localhost:8123/", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "120s")]
    // Home Assistant recommends 2 GB; start-up and integrations load in parallel.
    [Resources(Cpus = "2.0", Memory = "2g")]
    public abstract partial class HomeAssistant;

    /// <summary>
    /// ESPHome: builds and flashes firmware for ESP32/ESP8266 devices, with a dashboard. Route
    /// <c>esphome.&lt;domain&gt;</c> (port 6052), the lab's default access (two-factor); always on (it shows which devices are
    /// online); dashboard group "Home Automation", with Homepage's ESPHome widget. No secrets. Without the host network
    /// it cannot see devices by mDNS, so it pings them instead (<c>ESPHOME_DASHBOARD_USE_PING</c>); flashing over USB
    /// needs a <c>[Device]</c> on your class (upstream ran it privileged for that; it does not here). The healthcheck is
    /// the one ESPHome's image declares.
    /// </summary>
    [Stack("homeassistant")]
    [Service(Name = "esphome", Image = "ghcr.io/esphome/esphome:2026.8.0")]
    [Route(6052)]
    [Dashboard("Home Automation", Name = "ESPHome", Icon = "esphome.png", Description = "Device firmware")]
    [Widget("esphome")]
    [Env("TZ", "${TZ}")]
    [Env("ESPHOME_DASHBOARD_USE_PING", "true")]
    [Volume("./esphome/config", "/config")]
    [Healthcheck("curl --fail -o /dev/null http://localhost:6052/version -A HealthCheck", Interval = "30s", Timeout = "30s", Retries = 3, StartPeriod = "60s")]
    // Compiling firmware with PlatformIO is CPU- and memory-heavy.
    [Resources(Cpus = "2.0", Memory = "2g")]
    public abstract partial class Esphome;

    /// <summary>
    /// TasmoAdmin: manages and updates devices running Tasmota firmware. Route <c>tasmoadmin.&lt;domain&gt;</c> (port 80),
    /// the lab's default access (two-factor); always on; dashboard group "Home Automation". No secrets (its own login is
    /// set on first visit). The healthcheck is the image's own.
    /// Hardening exceptions: its s6 init, as root, gives <c>/data/tasmoadmin</c> to the <c>nginx</c> user
    /// (<c>CHOWN</c>) and sets the modes of that user's files (<c>FOWNER</c>); nginx and PHP-FPM start as root and drop
    /// their workers to nginx (<c>SETUID</c>, <c>SETGID</c>), and their root masters stop the workers with signals
    /// (<c>KILL</c>).
    /// </summary>
    [Stack("homeassistant")]
    [Service(Name = "tasmoadmin", Image = "ghcr.io/tasmoadmin/tasmoadmin:v5.0.0")]
    [Route(80)]
    [Dashboard("Home Automation", Name = "TasmoAdmin", Icon = "tasmoadmin.png", Description = "Tasmota devices")]
    [Env("TZ", "${TZ}")]
    [Volume("./tasmoadmin/data", "/data")]
    [Healthcheck("curl --fail -o /dev/null http://127.0.0.1/", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    [CapAdd("CHOWN")]
    [CapAdd("FOWNER")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // PHP pages for a handful of devices.
    [Resources(Cpus = "0.25", Memory = "256m")]
    public abstract partial class Tasmoadmin;

    /// <summary>
    /// motionEye: a web front end for the motion daemon, for IP and USB cameras. Route <c>motioneye.&lt;domain&gt;</c> (port
    /// 8765), the lab's default access (two-factor); always on (it records); dashboard group "Home Automation". No
    /// secrets: its admin password is set in its UI (empty at first, behind the lab's login). The image is the
    /// project's own (upstream used a retired personal build). USB cameras need a <c>[Device]</c> on your class.
    /// The server runs as the image's <c>motion</c> user, whose ids the image's build sets to <c>RUN_UID</c>/<c>RUN_GID</c>,
    /// 0 and 0 for the published images (docker/Dockerfile at 0.44.0; its workflow passes no build arguments). So
    /// <c>motion</c> is root, and the mounted <c>/etc/motioneye</c> and <c>/var/lib/motioneye</c>, which Docker creates as
    /// root, are its own: it saves its configuration and recordings there without <c>DAC_OVERRIDE</c>. An image built with
    /// another <c>RUN_UID</c> needs those folders given to that id on the host.
    /// Hardening exceptions: its entrypoint gives <c>/run/motioneye</c> to the <c>motion</c> user (<c>CHOWN</c>) and
    /// starts the server as that user with su (<c>SETUID</c>, <c>SETGID</c>); su stays as the root parent and passes
    /// the stop signal on (<c>KILL</c>).
    /// </summary>
    [Stack("homeassistant")]
    [Service(Name = "motioneye", Image = "ghcr.io/motioneye-project/motioneye:0.44.0")]
    [Route(8765)]
    [Dashboard("Home Automation", Name = "motionEye", Icon = "motioneye.png", Description = "Cameras")]
    [Env("TZ", "${TZ}")]
    [Volume("./motioneye/config", "/etc/motioneye")]
    [Volume("./motioneye/media", "/var/lib/motioneye")]
    [Healthcheck("curl -fsS -o /dev/null http://localhost:8765/", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    [CapAdd("CHOWN")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // The motion daemon decodes every camera's stream.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Motioneye;

    /// <summary>
    /// Node-RED: flow-based automation. Route <c>nodered.&lt;domain&gt;</c> (port 1880), two-factor and an admin UI (its
    /// flows run arbitrary code); always on (flows run around the clock); dashboard group "Home Automation". No secrets.
    /// Flows: the named volume <c>nodered-data</c>, as the image runs as <c>node-red</c> (1000), who owns <c>/data</c> in
    /// the image. The healthcheck is the image's own.
    /// </summary>
    [Stack("homeassistant")]
    [Service(Name = "nodered", Image = "nodered/node-red:5.0.4")]
    [Route(1880)]
    [Admin]
    [Dashboard("Home Automation", Name = "Node-RED", Icon = "node-red.png", Description = "Automation flows")]
    [Env("TZ", "${TZ}")]
    [Volume("nodered-data", "/data")]
    [Healthcheck("node /healthcheck.js", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // A Node.js runtime for flows.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Nodered;

    /// <summary>
    /// Mosquitto: the MQTT broker Home Assistant, Node-RED, ESPHome and Tasmota devices talk through, at
    /// <c>mosquitto:1883</c>. Not HTTP, so no route and no dashboard entry; always on. It runs the image's own
    /// configuration: anonymous MQTT on 1883, reachable only from the lab's containers, since no port is published.
    /// For devices on your LAN, publish it (<c>[PublishPort(1883, 1883)]</c> on your class) and mount a configuration of
    /// yours with a password file (<c>[Volume("./mosquitto/config", "/mosquitto/config", ReadOnly = true)]</c>):
    /// anonymous access from the LAN is not a default. The healthcheck subscribes to the broker's own status topic.
    /// Hardening exceptions: its entrypoint, as root, gives <c>/mosquitto/data</c> to the <c>mosquitto</c> user
    /// (<c>CHOWN</c>), and the broker, started as root, drops to that user itself and exits when it cannot
    /// (<c>SETUID</c>, <c>SETGID</c>).
    /// </summary>
    [Stack("homeassistant")]
    [Service(Name = "mosquitto", Image = "eclipse-mosquitto:2.1.2-alpine")]
    [Volume("./mosquitto/data", "/mosquitto/data")]
    [Healthcheck("mosquitto_sub -h localhost -t '$SYS/broker/uptime' -C 1 -W 5 -i healthcheck", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "10s")]
    [CapAdd("CHOWN")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    // An MQTT broker for a home's devices.
    [Resources(Cpus = "0.25", Memory = "128m")]
    public abstract partial class Mosquitto;
}
