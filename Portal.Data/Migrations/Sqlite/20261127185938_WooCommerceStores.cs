using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WooCommerceStores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PendingStoreAuthorizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoreName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    NormalizedUrl = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProtectedConsumerKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProtectedConsumerSecret = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    KeyPermission = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    KeysReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingStoreAuthorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingStoreAuthorizations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Stores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    NormalizedUrl = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ConnectionMethod = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProtectedConsumerKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProtectedConsumerSecret = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ConsumerKeyHint = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    KeyPermission = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    CurrencyDifferenceAccepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TimeZoneOverridden = table.Column<bool>(type: "INTEGER", nullable: false),
                    WordPressVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    WooCommerceVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProtectedWebhookSecret = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    WebhookIds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LastPingAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastWebhookAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WebhooksNotReaching = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastSuccessfulCallAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConnectedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Stores_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StoreActivity",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: true),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreActivity", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoreActivity_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StoreActivity_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookInbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliveryId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResourceId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookInbox", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookInbox_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WebhookInbox_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PendingStoreAuthorizations_OrganizationId",
                table: "PendingStoreAuthorizations",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingStoreAuthorizations_State",
                table: "PendingStoreAuthorizations",
                column: "State",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StoreActivity_OrganizationId",
                table: "StoreActivity",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_StoreActivity_StoreId_AtUtc",
                table: "StoreActivity",
                columns: new[] { "StoreId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Stores_NormalizedUrl",
                table: "Stores",
                column: "NormalizedUrl",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Stores_OrganizationId",
                table: "Stores",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Stores_PublicKey",
                table: "Stores",
                column: "PublicKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookInbox_OrganizationId",
                table: "WebhookInbox",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookInbox_StoreId_DeliveryId",
                table: "WebhookInbox",
                columns: new[] { "StoreId", "DeliveryId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PendingStoreAuthorizations");

            migrationBuilder.DropTable(
                name: "StoreActivity");

            migrationBuilder.DropTable(
                name: "WebhookInbox");

            migrationBuilder.DropTable(
                name: "Stores");
        }
    }
}
