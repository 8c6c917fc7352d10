using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoreLinksAndWebhookChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WebhookProblem",
                table: "Stores",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WebhooksCheckedAtUtc",
                table: "Stores",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StoreProductLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    WooProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    WooVariationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    LinkedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreProductLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoreProductLinks_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StoreProductLinks_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StoreProductLinks_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Stores_Status",
                table: "Stores",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_StoreProductLinks_OrganizationId",
                table: "StoreProductLinks",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_StoreProductLinks_ProductId",
                table: "StoreProductLinks",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_StoreProductLinks_StoreId_WooProductId_WooVariationId",
                table: "StoreProductLinks",
                columns: new[] { "StoreId", "WooProductId", "WooVariationId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoreProductLinks");

            migrationBuilder.DropIndex(
                name: "IX_Stores_Status",
                table: "Stores");

            migrationBuilder.DropColumn(
                name: "WebhookProblem",
                table: "Stores");

            migrationBuilder.DropColumn(
                name: "WebhooksCheckedAtUtc",
                table: "Stores");
        }
    }
}
