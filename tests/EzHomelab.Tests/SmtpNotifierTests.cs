using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary>[Smtp]: Authelia notifies by mail instead of into a file, its password only through a secret file.</summary>
public class SmtpNotifierTests
{
    private const string ConfigPath = "core/authelia/configuration.yml";
    private const string Password = "smtp-password-value-0b7e";

    private static Lab Lab() => CoreTestLab.Lab() with { Smtp = new SmtpSpec("smtp.example.org", 587, "auth@example.org", "auth-mailer") };

    private static RuntimeSettings Settings(Lab lab) => CoreTestLab.WithSecrets(lab) with
    {
        Secrets = new SecretValues(new Dictionary<string, string> { [LabSecrets.SmtpPassword] = Password }),
    };

    [Fact]
    public void Authelia_uses_the_smtp_notifier_and_the_file_is_schema_valid()
    {
        var lab = Lab();
        var core = TraefikRenderedFiles.Core(lab, Settings(lab));
        var notifier = core.Yaml(ConfigPath).At("notifier");
        Assert.Equal(["smtp"], notifier.Keys());
        Assert.Equal("submission://smtp.example.org:587", notifier.At("smtp", "address").Str());
        Assert.Equal("auth@example.org", notifier.At("smtp", "sender").Str());
        Assert.Equal("auth-mailer", notifier.At("smtp", "username").Str());
        Assert.False(notifier.Has("smtp", "password"));
        Assert.Empty(ConfigSchema.AutheliaConfiguration.Errors(core.Text(ConfigPath)));
    }

    [Fact]
    public void The_password_reaches_authelia_only_as_a_mounted_file()
    {
        var lab = Lab();
        var settings = Settings(lab);
        var authelia = Rendered.ServiceNode(lab, "core", "authelia", settings);
        Assert.Equal("/run/secrets/smtp-password", authelia.At("environment", "AUTHELIA_NOTIFIER_SMTP_PASSWORD_FILE").Str());
        Assert.Contains("./secrets/smtp-password:/run/secrets/smtp-password:ro", authelia.At("volumes").Strings());
        var files = Rendered.StackFiles(lab, "core", settings);
        Assert.Contains(files, f => f.RelativePath == LabSecrets.StackPath(LabSecrets.SmtpPassword) && f.Content == Password);
        foreach (var file in files.Where(f => !f.RelativePath.StartsWith(LabSecrets.SecretsFolder + "/", StringComparison.Ordinal)))
            Assert.DoesNotContain(Password, file.Content);
        Assert.True(LabSecrets.SuppliedByName(LabSecrets.SmtpPassword));
    }

    [Fact]
    public void Without_smtp_the_notifier_is_a_file_and_no_password_is_read()
    {
        var lab = CoreTestLab.Lab();
        Assert.Equal(["filesystem"], TraefikRenderedFiles.Core(lab).Yaml(ConfigPath).At("notifier").Keys());
        Assert.DoesNotContain(LabSecrets.Of(lab, lab.FindService("authelia")!), u => u.Secret == LabSecrets.SmtpPassword);
    }

    [Theory]
    [InlineData("smtp", 587, "auth@example.org", "u")]
    [InlineData("smtp.example.org", 0, "auth@example.org", "u")]
    [InlineData("smtp.example.org", 587, "not an address", "u")]
    [InlineData("smtp.example.org", 587, "auth@example.org", "")]
    public void The_run_time_refuses_an_invalid_server(string host, int port, string sender, string username)
    {
        var lab = CoreTestLab.Lab() with { Smtp = new SmtpSpec(host, port, sender, username) };
        Assert.Single(LabRoutes.Problems(lab), p => p.StartsWith("[Smtp]", StringComparison.Ordinal));
    }
}
