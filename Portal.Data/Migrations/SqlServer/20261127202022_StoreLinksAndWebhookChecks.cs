using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
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
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WebhooksCheckedAtUtc",
                table: "Stores",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StoreProductLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    StoreId = table.Column<int>(type: "int", nullable: false),
                    WooProductId = table.Column<long>(type: "bigint", nullable: false),
                    WooVariationId = table.Column<long>(type: "bigint", nullable: false),
                    Sku = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ProductId = table.Column<int>(type: "int", nullable: true),
                    LinkedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
